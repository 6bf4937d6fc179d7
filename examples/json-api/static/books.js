// Ask the API for the books and show them as a list.
async function showBooks() {
  const response = await fetch("/api/books");
  const books = await response.json();
  const list = document.querySelector("#books");
  list.replaceChildren(
    ...books.map((book) => {
      const item = document.createElement("li");
      item.textContent = `${book.title}, by ${book.author}`;
      return item;
    }),
  );
}

// Send the form as JSON instead of letting the browser send it as a form.
async function addBook(event) {
  event.preventDefault();
  const form = event.target;
  const response = await fetch("/api/books", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(Object.fromEntries(new FormData(form))),
  });
  const answer = await response.json();
  const message = document.querySelector("#message");
  if (response.ok) {
    message.textContent = `Added, at ${response.headers.get("Location")}.`;
    form.reset();
    await showBooks();
  } else {
    message.textContent = `${response.status}: ${answer.message}`;
  }
}

document.querySelector("#add").addEventListener("submit", addBook);
showBooks();
